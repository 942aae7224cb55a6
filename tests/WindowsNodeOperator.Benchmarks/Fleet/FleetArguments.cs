using System.Globalization;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>`fleet --nodes N --groups G --pods-per-node P [--parts steady,idle,compliance]`; null when an option is unknown or not a positive number.</summary>
internal static class FleetArguments
{
    public static (FleetShape Shape, FleetBenchmark.Parts Parts)? Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, int>(StringComparer.Ordinal) { ["--nodes"] = 5000, ["--groups"] = 50, ["--pods-per-node"] = 10 };
        var parts = FleetBenchmark.Parts.All;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (args[i] == "--parts" && i + 1 < args.Count)
            {
                parts = 0;
                foreach (var part in args[i + 1].Split(','))
                {
                    parts |= part switch
                    {
                        "steady" => FleetBenchmark.Parts.Steady,
                        "idle" => FleetBenchmark.Parts.IdleHour,
                        "compliance" => FleetBenchmark.Parts.Compliance,
                        _ => 0,
                    };
                }

                continue;
            }

            if (!values.ContainsKey(args[i]) || i + 1 >= args.Count
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                return null;
            }

            values[args[i]] = value;
        }

        var shape = new FleetShape(values["--nodes"], values["--groups"], values["--pods-per-node"]);
        return shape.Groups > shape.Nodes || parts == 0 ? null : (shape, parts);
    }
}
