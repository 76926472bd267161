using Microsoft.Playwright;

namespace Monitoring.EndToEndTests.Browser;

/// <summary>Full-page screenshots kept as test artefacts in <c>{results}/screenshots</c>, where results is MONITORING_TEST_RESULTS_DIR or TestResults at the repository root.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Locate();

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(Folder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private static string Locate()
    {
        var results = Environment.GetEnvironmentVariable("MONITORING_TEST_RESULTS_DIR");
        if (string.IsNullOrEmpty(results))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Monitoring.sln")))
            {
                dir = dir.Parent;
            }

            results = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults");
        }

        var folder = Path.Combine(results, "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
