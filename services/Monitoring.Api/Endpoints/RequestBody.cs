using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Monitoring.Api.Endpoints;

/// <summary>
/// Reads a JSON body inside the endpoint rather than by binding, so that a caller without a valid key learns 401 or
/// 403 before anything about its body.
/// </summary>
internal static class RequestBody
{
    public static async Task<(T? Body, string? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, "the body must be JSON (Content-Type: application/json)");
        }

        try
        {
            return await request.ReadFromJsonAsync<T>(cancellationToken) is { } body ? (body, null) : (null, "the body must be a JSON object");
        }
        catch (JsonException e)
        {
            return (null, $"the body is not valid JSON for this call: {e.Message}");
        }
    }
}
