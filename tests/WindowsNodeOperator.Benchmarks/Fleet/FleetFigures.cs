using System.Globalization;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>The benchmark's output: one figure a line, <c>name value unit</c>; lines starting with # say how a figure was had.</summary>
internal sealed class FleetFigures(TextWriter output)
{
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> Values => _values;

    public void Add(string name, double value, string unit)
    {
        _values[name] = value;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {Format(value)} {unit}"));
        output.Flush();
    }

    public void Note(string text)
    {
        output.WriteLine("# " + text);
        output.Flush();
    }

    private static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : Math.Abs(value - Math.Round(value)) < 1e-9 ? Math.Round(value).ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
}
