using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// A real HTTP receiver on loopback (Kestrel) standing in for a ticket system or a customer's webhook: every
/// <c>POST /{name}</c> is recorded, and each name answers as the test tells it (a status, or a hang).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedPost> _posts = new();
    private readonly ConcurrentDictionary<string, Func<ReceivedPost, ReceiverAnswer>> _answers = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, port);
        app.MapPost("/{name}", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    public string Url(string name) => $"http://127.0.0.1:{Port}/{name}";

    /// <summary>How posts to <paramref name="name"/> are answered from now on (200 until told otherwise).</summary>
    public void Answer(string name, Func<ReceivedPost, ReceiverAnswer> answer) => _answers[name] = answer;

    /// <summary>Every post to <paramref name="name"/> that arrived, in order, whether or not it was answered.</summary>
    public IReadOnlyList<ReceivedPost> Posts(string name) => _posts.Where(p => p.Name == name).ToList();

    /// <summary>Posts to <paramref name="name"/> answered with a success: what the receiver took in.</summary>
    public IReadOnlyList<ReceivedPost> Accepted(string name) => Posts(name).Where(p => p.Accepted).ToList();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(string name, HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var post = new ReceivedPost(
            name,
            context.Request.Headers["X-Monitoring-Event"].ToString(),
            context.Request.Headers["X-Monitoring-Delivery"].ToString(),
            context.Request.Headers["X-Monitoring-Signature"].ToString(),
            context.Request.ContentType,
            body.ToArray(),
            DateTimeOffset.UtcNow);
        _posts.Enqueue(post);
        var answer = _answers.TryGetValue(name, out var decide) ? decide(post) : ReceiverAnswer.Ok;
        if (answer.Hang is { } hang)
        {
            try
            {
                await hang.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = answer.Status;
        await context.Response.WriteAsync("{}", CancellationToken.None);
        post.Accepted = answer.Status is >= 200 and < 300 && !context.RequestAborted.IsCancellationRequested;
    }
}

/// <summary>One post as the receiver saw it.</summary>
public sealed record ReceivedPost(string Name, string Event, string Delivery, string Signature, string? ContentType, byte[] Body, DateTimeOffset At)
{
    /// <summary>Answered with a success while the sender still waited.</summary>
    public bool Accepted { get; set; }

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;
}

/// <summary>How a receiver answers: a status code, after <see cref="Hang"/> completes when one is given.</summary>
public sealed record ReceiverAnswer(int Status, Task? Hang = null)
{
    public static ReceiverAnswer Ok { get; } = new(200);

    public static ReceiverAnswer Fail(int status) => new(status);

    /// <summary>Holds the request open until <paramref name="until"/> completes (or the sender gives up), then answers 200.</summary>
    public static ReceiverAnswer HangUntil(Task until) => new(200, until);
}
