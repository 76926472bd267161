namespace Monitoring.Api.Views;

public sealed record AcknowledgeRequest(string? By);

public sealed record ResolveRequest(string? Resolution, string? Note);

public sealed record NoteRequest(string? Text, string? By);
