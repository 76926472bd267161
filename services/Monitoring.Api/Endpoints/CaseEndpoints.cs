using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitoring.Api.Views;
using Monitoring.Cases;
using Monitoring.Core.Cases;
using Monitoring.Core.Stores;

namespace Monitoring.Api.Endpoints;

internal static class CaseEndpoints
{
    private const int MaxTextLength = 4000;

    public static void MapCases(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/cases", async (string tenant, string? status, string? kind, string? device, string? customer, int? limit, string? cursor,
            ICaseStore cases, CancellationToken ct) =>
        {
            if (status is not null && !CaseStatus.All.Contains(status))
            {
                return Problems.BadRequest($"status must be one of {string.Join(", ", CaseStatus.All)}");
            }

            if (kind is not null && !CaseKind.All.Contains(kind))
            {
                return Problems.BadRequest($"kind must be one of {string.Join(", ", CaseKind.All)}");
            }

            if (!QueryValues.TryLimit(limit, out var pageSize, out var problem))
            {
                return Problems.BadRequest(problem!);
            }

            var page = await cases.ListAsync(new CaseQuery(tenant, status, kind, device, customer, pageSize, cursor), ct);
            return Results.Ok(new ListView<SupportCase>(page.Items, page.Next));
        }).WithName("ListCases");

        tenant.MapGet("/cases/{id}", async (string tenant, string id, ICaseStore cases, CancellationToken ct) =>
            await cases.FindAsync(tenant, id, ct) is { } found ? Results.Ok(found) : Problems.NotFound($"no case '{id}' in tenant '{tenant}'"))
            .WithName("GetCase");

        tenant.MapPost("/cases/{id}/acknowledge", async (string tenant, string id, AcknowledgeRequest? body, CaseLifecycle lifecycle, CancellationToken ct) =>
            Answer(await lifecycle.AcknowledgeAsync(tenant, id, Clip(body?.By), ct), id, tenant))
            .WithName("AcknowledgeCase");

        tenant.MapPost("/cases/{id}/resolve", async (string tenant, string id, ResolveRequest? body, CaseLifecycle lifecycle, CancellationToken ct) =>
        {
            var resolution = body?.Resolution ?? CaseResolution.Fixed;
            if (resolution.Length is 0 or > 64 || resolution.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')))
            {
                return Problems.BadRequest("resolution must be a code of [a-z0-9_]{1,64}, e.g. fixed, replaced_device, customer_error");
            }

            return Answer(await lifecycle.ResolveAsync(tenant, id, resolution, Clip(body?.Note), ct), id, tenant);
        }).WithName("ResolveCase");

        tenant.MapPost("/cases/{id}/notes", async (string tenant, string id, NoteRequest body, CaseLifecycle lifecycle, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > MaxTextLength)
            {
                return Problems.BadRequest($"text must be 1..{MaxTextLength} characters");
            }

            return Answer(await lifecycle.AddNoteAsync(tenant, id, body.Text, Clip(body.By), ct), id, tenant);
        }).WithName("AddCaseNote");
    }

    private static IResult Answer(OperatorActionResult result, string id, string tenant) => result.Outcome switch
    {
        OperatorActionOutcome.Done => Results.Ok(result.Case),
        OperatorActionOutcome.NotAllowed => Problems.Conflict(result.Problem ?? "the case's status does not allow this"),
        _ => Problems.NotFound($"no case '{id}' in tenant '{tenant}'"),
    };

    private static string? Clip(string? text) => text is null ? null : text.Length <= 128 ? text : text[..128];
}
