using Microsoft.AspNetCore.Http;

namespace Monitoring.Api;

/// <summary>RFC 9457 problem details for the contract's error answers.</summary>
public static class Problems
{
    public static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static IResult Unauthorized() => Results.Problem("a valid API key is required: Authorization: Bearer {key}", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static IResult Forbidden(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Conflict(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}
