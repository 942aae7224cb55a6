using System.Globalization;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>The controller runtime's reconcile counter, read from a Prometheus scrape or matched as an instrument in-process.</summary>
internal static class ReconcileCounter
{
    /// <summary>Its exposition names: as the runtime names it, and with the operator's <c>windowsnode_</c> prefix.</summary>
    public static readonly string[] Names = ["windowsnode_controller_reconciles_total", "controller_reconciles_total"];

    /// <summary>Whether an in-process instrument is the counter (its Prometheus form is one of <see cref="Names"/>).</summary>
    public static bool IsInstrument(string instrumentName) =>
        Names.Contains(instrumentName.Replace('.', '_') + "_total", StringComparer.Ordinal);

    /// <summary>The counter summed over its labels (kind, result) in a Prometheus text exposition.</summary>
    public static long Sum(string exposition)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        double sum = 0;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var end = line.IndexOfAny(['{', ' ']);
            if (end > 0 && Names.Contains(line[..end], StringComparer.Ordinal))
            {
                var value = line[(line.LastIndexOf('}') is var close and >= 0 ? close + 1 : end)..].Trim().Split(' ')[0];
                sum += double.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return (long)sum;
    }
}
