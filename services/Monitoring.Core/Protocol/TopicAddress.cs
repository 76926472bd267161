namespace Monitoring.Core.Protocol;

/// <summary>A well-formed device topic <c>{root}/{tenant}/{deviceId}/{channel}</c>.</summary>
public readonly record struct TopicAddress(string Tenant, string DeviceId, Channel Channel);
