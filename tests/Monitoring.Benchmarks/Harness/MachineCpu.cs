using System.Globalization;

namespace Monitoring.Benchmarks.Harness;

/// <summary>
/// The whole machine's CPU time from /proc/stat, so a phase can say how much CPU went to processes outside this run
/// (other work on a shared box) and to hypervisor steal — both slow what is measured without showing in its own figures.
/// </summary>
internal readonly record struct MachineCpu(double BusySeconds, double StealSeconds)
{
    public static MachineCpu Read()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double F(int i) => fields.Length > i ? double.Parse(fields[i], CultureInfo.InvariantCulture) : 0;
        // user nice system idle iowait irq softirq steal
        var ticks = 100.0;
        return new MachineCpu((F(1) + F(2) + F(3) + F(6) + F(7)) / ticks, F(8) / ticks);
    }

    public static MachineCpu operator -(MachineCpu a, MachineCpu b) => new(a.BusySeconds - b.BusySeconds, a.StealSeconds - b.StealSeconds);

    /// <summary>"x.x s by other processes, y.y s steal" given what this run's own processes used.</summary>
    public string Foreign(double ownSeconds, double wallSeconds)
    {
        var foreign = Math.Max(0, BusySeconds - ownSeconds);
        var text = $"{Report.N(foreign, "0.0")} s other processes, {Report.N(StealSeconds, "0.0")} s steal";
        // More than a fifth of a core taken by others: the phase competed for CPU and its figures are not comparable.
        return (foreign + StealSeconds) / Math.Max(0.001, wallSeconds) > 0.2 ? text + " — **disturbed by other load**" : text;
    }
}
