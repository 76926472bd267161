using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Monitoring.Core.Stores;

namespace Monitoring.Api;

/// <summary>Answers a caller's bad input found below the endpoints (an unknown cursor, an unreadable body) with a 400 problem.</summary>
internal sealed class InvalidInputHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var detail = exception switch
        {
            InvalidCursorException e => e.Message,
            BadHttpRequestException e => e.Message,
            _ => null,
        };
        if (detail is null)
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = "Bad request", Detail = detail },
        });
    }
}
