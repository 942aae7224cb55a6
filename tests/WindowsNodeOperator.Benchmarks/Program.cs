using WindowsNodeOperator.Benchmarks;
using WindowsNodeOperator.Benchmarks.Fleet;

// Figures for the paths that grow with the fleet; run with: dotnet run -c Release --project tests/WindowsNodeOperator.Benchmarks
//   (no arguments)                                   the planner alone, as the fleet grows
//   fleet --nodes N --groups G --pods-per-node P     the whole operator on a seeded sandbox fleet, one figure a line
if (args is ["fleet", .. var options])
{
    if (FleetArguments.Parse(options) is not { } parsed)
    {
        Console.Error.WriteLine("usage: fleet [--nodes N (5000)] [--groups G (50)] [--pods-per-node P (10)] [--parts steady,idle,compliance (all)]");
        return 2;
    }

    await FleetBenchmark.RunAsync(parsed.Shape, Console.Out, parsed.Parts);
    return 0;
}

Console.WriteLine("Windows Node Operator benchmarks (Release build recommended)");
Console.WriteLine();
PlannerBenchmark.Run(Console.Out);
return 0;
