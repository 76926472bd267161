using Monitoring.Core.Devices;

namespace Monitoring.Core.Stores;

public sealed record DeviceQuery(string Tenant, DeviceState? State, string? Site, string? Model, string? Customer, int Limit, string? Cursor);
