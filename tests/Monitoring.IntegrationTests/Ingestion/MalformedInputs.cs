using System.Text;

namespace Monitoring.IntegrationTests.Ingestion;

/// <summary>
/// Messages that break the contract, one per way of breaking it, with the rejection reason the contract names.
/// <c>{t}</c> and <c>{d}</c> in a topic stand for the test's tenant and device; a payload <c>hex:…</c> is raw bytes.
/// </summary>
public static class MalformedInputs
{
    /// <summary>(reason, topic, payload)</summary>
    public static readonly TheoryData<string, string, string> All = new()
    {
        { "topic", "fleet/{t}/bad id/heartbeat", "{}" },
        { "topic", "fleet/{t}/{d}/unknown", "{}" },
        { "topic", "fleet/{t}/heartbeat", "{}" },
        { "too_large", "fleet/{t}/{d}/heartbeat", "{\"model\":\"" + new string('x', 2000) + "\"}" },
        { "json", "fleet/{t}/{d}/heartbeat", "not json" },
        { "json", "fleet/{t}/{d}/heartbeat", "hex:fffe" },
        { "json", "fleet/{t}/{d}/heartbeat", "[1,2]" },
        { "version", "fleet/{t}/{d}/heartbeat", "{\"v\":2}" },
        { "schema", "fleet/{t}/{d}/heartbeat", "{\"kind\":\"toaster\"}" },
        { "schema", "fleet/{t}/{d}/heartbeat", "{\"metrics\":{\"Bad\":1}}" },
        { "value", "fleet/{t}/{d}/heartbeat", "{\"interval_s\":0}" },
        { "value", "fleet/{t}/{d}/heartbeat", "{\"ts\":\"yesterday\"}" },
    };

    public static string Topic(string template, string tenant, string device) => template.Replace("{t}", tenant).Replace("{d}", device);

    public static byte[] Payload(string payload) =>
        payload.StartsWith("hex:", StringComparison.Ordinal) ? Convert.FromHexString(payload[4..]) : Encoding.UTF8.GetBytes(payload);
}
