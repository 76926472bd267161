using System.Net;
using System.Text.Json;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>Asserts the contract's error answers: the status code and an RFC 9457 problem details body.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        return problem.RootElement.Clone();
    }
}
