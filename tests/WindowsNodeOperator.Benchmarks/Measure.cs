using System.Diagnostics;

namespace WindowsNodeOperator.Benchmarks;

/// <summary>Runs an action until about a second has passed and reports time and allocation per run.</summary>
internal static class Measure
{
    public static (TimeSpan PerRun, long BytesPerRun, int Runs) Run(Action action)
    {
        action(); // warm up: JIT and first-use allocations do not count
        var runs = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1) || runs < 3)
        {
            action();
            runs++;
        }

        clock.Stop();
        return (clock.Elapsed / runs, (GC.GetAllocatedBytesForCurrentThread() - allocated) / runs, runs);
    }
}
