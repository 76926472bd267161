namespace Monitoring.IntegrationTests.Infrastructure;

/// <summary>Waits for a condition by polling it until a deadline, instead of sleeping a fixed time.</summary>
public static class Polling
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test naming <paramref name="what"/> when the deadline passes.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, string? what = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }

                last = null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // The server may be starting or restarting: a refused connection is "not yet".
                last = ex;
            }

            if (DateTime.UtcNow >= deadline)
            {
                var because = last is null ? "" : $" (last error: {last.GetType().Name}: {last.Message})";
                throw new TimeoutException($"Still not true after {timeout.TotalSeconds:0.#} s: {what ?? "condition"}{because}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds for its value, and returns that value.</summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        T value = default!;
        var seen = false;
        try
        {
            await Eventually(async () =>
            {
                value = await probe();
                seen = true;
                return done(value);
            }, timeout, what);
        }
        catch (TimeoutException ex) when (seen)
        {
            throw new TimeoutException($"{ex.Message}; last value: {Describe(value)}", ex);
        }

        return value;
    }

    private static string Describe<T>(T value) => value switch
    {
        System.Text.Json.JsonElement json => json.GetRawText(),
        null => "null",
        _ => value.ToString() ?? "",
    };
}
