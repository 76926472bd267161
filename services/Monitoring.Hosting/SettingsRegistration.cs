using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Monitoring.Hosting;

public static class SettingsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> and refuses to start while <paramref name="problems"/>
    /// finds anything wrong; each problem names its key and says why.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section, Func<T, IEnumerable<string>> problems)
        where T : class
    {
        var builder = services.AddOptions<T>();
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<T>)))
        {
            return builder;
        }

        services.AddSingleton<IValidateOptions<T>>(new SettingsValidator<T>(problems));
        return builder.Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    private sealed class SettingsValidator<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var found = problems(options).ToList();
            return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
        }
    }
}
