namespace Monitoring.Core.Devices;

/// <summary>The lower-case names the contract uses on the wire for the domain's enums.</summary>
public static class DomainNames
{
    public static string Name(this DeviceState state) => state switch
    {
        DeviceState.Online => "online",
        DeviceState.Offline => "offline",
        DeviceState.Unreachable => "unreachable",
        _ => "unknown",
    };

    public static string Name(this DeviceKind kind) => kind == DeviceKind.Gateway ? "gateway" : "device";

    public static bool TryParseState(string? text, out DeviceState state)
    {
        state = text switch
        {
            "online" => DeviceState.Online,
            "offline" => DeviceState.Offline,
            "unreachable" => DeviceState.Unreachable,
            "unknown" => DeviceState.Unknown,
            _ => (DeviceState)(-1),
        };
        return (int)state >= 0;
    }

    public static bool TryParseKind(string? text, out DeviceKind kind)
    {
        kind = text == "gateway" ? DeviceKind.Gateway : DeviceKind.Device;
        return text is "gateway" or "device";
    }
}
