using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>
/// A real HTTP server on loopback that answers like InfluxDB as a test scripts it — a 400 partial write, a 500, a
/// slow answer, a Flux CSV — and records every request it got, body decompressed, for the test to inspect.
/// Requests beyond the script get <c>204</c>.
/// </summary>
public sealed class ScriptedInflux : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();

    private ScriptedInflux(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IEnumerable<RecordedRequest> Writes => Requests.Where(r => r.Path.EndsWith("write", StringComparison.Ordinal));

    public static async Task<ScriptedInflux> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var influx = new ScriptedInflux(app, port);
        app.Run(influx.HandleAsync);
        await app.StartAsync();
        return influx;
    }

    /// <summary>The next request not yet answered by the script gets <paramref name="status"/> with <paramref name="body"/>, after <paramref name="delay"/>.</summary>
    public ScriptedInflux Then(int status, string body = "", TimeSpan delay = default, string contentType = "application/json")
    {
        _script.Enqueue(async context =>
        {
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            context.Response.StatusCode = status;
            if (body.Length > 0)
            {
                context.Response.ContentType = contentType;
                await context.Response.WriteAsync(body);
            }
        });
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var raw = new MemoryStream();
        await context.Request.Body.CopyToAsync(raw);
        var bytes = raw.ToArray();
        var gzip = context.Request.Headers.ContentEncoding.ToString() == "gzip";
        if (gzip)
        {
            using var unzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await unzip.CopyToAsync(plain);
            bytes = plain.ToArray();
        }

        Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "",
            context.Request.Headers.Authorization.ToString(), context.Request.ContentType, context.Request.Headers.Accept.ToString(), gzip,
            Encoding.UTF8.GetString(bytes)));
        if (_script.TryDequeue(out var answer))
        {
            await answer(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
