using System.Globalization;
using System.Text;
using Monitoring.Core.Devices;
using Monitoring.Core.Protocol;

namespace Monitoring.Storage.Sqlite;

/// <summary>
/// The device table's columns as UTF-8: enum names written without strings, and the start-up load that reads every
/// row and shares the strings devices repeat (tenants, sites, customers, models, firmware) instead of making one per row.
/// </summary>
internal static class DeviceColumns
{
    public static ReadOnlySpan<byte> Kind(DeviceKind kind) => kind == DeviceKind.Gateway ? "gateway"u8 : "device"u8;

    public static ReadOnlySpan<byte> State(DeviceState state) => state switch
    {
        DeviceState.Online => "online"u8,
        DeviceState.Offline => "offline"u8,
        DeviceState.Unreachable => "unreachable"u8,
        _ => "unknown"u8,
    };

    public static string Cause(DownCause cause) => cause switch
    {
        DownCause.Silence => nameof(DownCause.Silence),
        DownCause.StatusOffline => nameof(DownCause.StatusOffline),
        _ => nameof(DownCause.ReportedByGateway),
    };

    /// <summary>A device's recent state changes as Unix milliseconds separated by commas; null when there are none.</summary>
    public static string? Transitions(IReadOnlyList<DateTimeOffset> transitions) =>
        transitions.Count == 0 ? null : string.Join(',', transitions.Select(t => t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));

    public static IReadOnlyList<DateTimeOffset> Transitions(string? column) =>
        string.IsNullOrEmpty(column)
            ? []
            : [.. column.Split(',').Select(t => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(t, CultureInfo.InvariantCulture)))];

    /// <summary>Reads every row of a <c>SELECT</c> of the store's columns, in their order.</summary>
    public static List<DeviceRecord> ReadAll(RawStatement rows, CancellationToken cancellationToken)
    {
        var labels = new Utf8StringTable(1 << 20);
        var metrics = new MetricsColumn();
        var devices = new List<DeviceRecord>();
        while (rows.Read())
        {
            if ((devices.Count & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            devices.Add(new DeviceRecord
            {
                Tenant = labels.Get(rows.Utf8(0)),
                Id = Encoding.UTF8.GetString(rows.Utf8(1)),
                Kind = rows.Utf8(2).SequenceEqual("gateway"u8) ? DeviceKind.Gateway : DeviceKind.Device,
                Parent = Label(rows, 3, labels),
                Site = Label(rows, 4, labels),
                Customer = Label(rows, 5, labels),
                Model = Label(rows, 6, labels),
                Firmware = Label(rows, 7, labels),
                IntervalSeconds = (int?)rows.Long(8),
                State = ParseState(rows.Utf8(9)),
                StateSince = rows.Time(10),
                LastSeen = rows.Time(11),
                OutageStartedAt = rows.Time(12),
                DownCause = rows.IsNull(13) ? null : ParseCause(rows.Utf8(13)),
                UptimeSeconds = rows.Long(14),
                Metrics = rows.IsNull(15) ? [] : metrics.Read(rows.Utf8(15)),
                LastRebootAt = rows.Time(16),
                Transitions = rows.IsNull(17) ? [] : Transitions(Encoding.UTF8.GetString(rows.Utf8(17))),
            });
        }

        return devices;
    }

    private static string? Label(RawStatement rows, int column, Utf8StringTable labels) => rows.IsNull(column) ? null : labels.Get(rows.Utf8(column));

    private static DeviceState ParseState(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("online"u8) ? DeviceState.Online
        : name.SequenceEqual("offline"u8) ? DeviceState.Offline
        : name.SequenceEqual("unreachable"u8) ? DeviceState.Unreachable
        : DeviceState.Unknown;

    private static DownCause? ParseCause(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("Silence"u8) ? DownCause.Silence
        : name.SequenceEqual("StatusOffline"u8) ? DownCause.StatusOffline
        : name.SequenceEqual("ReportedByGateway"u8) ? DownCause.ReportedByGateway
        : null;
}
