using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Core.Maintenance;

/// <summary>
/// What a maintenance window covers: one device, a gateway with the devices behind it, a site, a customer's devices,
/// or the whole tenant (no id).
/// </summary>
public sealed record MaintenanceScope(string Type, string? Id)
{
    public const string Device = "device";
    public const string Gateway = "gateway";
    public const string Site = "site";
    public const string Customer = "customer";
    public const string Tenant = "tenant";

    public static readonly IReadOnlyList<string> Types = [Device, Gateway, Site, Customer, Tenant];

    public static MaintenanceScope WholeTenant { get; } = new(Tenant, null);

    /// <summary>Whether <paramref name="device"/> is in scope, by its registry entry as it stands (its tenant is the window's concern).</summary>
    public bool Covers(DeviceRecord device) => Type switch
    {
        Device => device.Id == Id,
        Gateway => device.Id == Id || device.Parent == Id,
        Site => device.Site is not null && device.Site == Id,
        Customer => device.Customer is not null && device.Customer == Id,
        Tenant => true,
        _ => false,
    };

    /// <summary>Why <paramref name="type"/> and <paramref name="id"/> do not make a scope, or null when they do.</summary>
    public static string? Problem(string? type, string? id)
    {
        if (type is null || !Types.Contains(type))
        {
            return $"scope.type must be one of {string.Join(", ", Types)}";
        }

        if (type == Tenant)
        {
            return id is null ? null : "a tenant scope has no id: it covers every device of the tenant";
        }

        return type switch
        {
            Device or Gateway when !Identifiers.IsValid(id) => $"scope.id of a {type} must be [A-Za-z0-9._-]{{1,64}}",
            Site or Customer when id is not { Length: > 0 and <= ProtocolLimits.MaxStringLength } =>
                $"scope.id of a {type} must be 1..{ProtocolLimits.MaxStringLength} characters",
            _ => null,
        };
    }
}
