using System.Globalization;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>A process's CPU time and memory as Linux reports them (<c>/proc/PID/stat</c> utime + stime, <c>/proc/PID/status</c> VmHWM and VmRSS).</summary>
internal readonly record struct ProcStats(TimeSpan Cpu, long PeakWorkingSetBytes, long WorkingSetBytes)
{
    /// <summary>USER_HZ, the unit of utime and stime: 100 on every Linux the SDK runs on.</summary>
    private const double TicksPerSecond = 100;

    public static ProcStats Read(int pid)
    {
        // proc(5): the command name (field 2) is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        long peak = 0, current = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                current = Kilobytes(line);
            }
        }

        return new ProcStats(TimeSpan.FromSeconds(ticks / TicksPerSecond), peak * 1024, current * 1024);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
