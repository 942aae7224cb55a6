using System.Globalization;

namespace WindowsNodeOperator.Tests.Monitoring;

/// <summary>Reads one series' value out of Prometheus text, whatever the order of its labels.</summary>
internal static class ScrapedSeries
{
    public static double? Value(string text, string metric, params (string Name, string Value)[] labels)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric + "{", StringComparison.Ordinal))
            {
                continue;
            }

            var close = line.LastIndexOf('}');
            var body = line[(metric.Length + 1)..close];
            if (labels.All(l => body.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                return double.Parse(line[(close + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
