using CsCheck;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Tests.Planning;

/// <summary>
/// Every planner invariant of <see cref="PlannerPropertyTests"/>, over fleets whose policies carry hostile fields
/// (<see cref="HostileSpecGen"/>): a valid one must keep them all, an invalid one must plan nothing.
/// </summary>
public sealed class HostileSpecPlannerPropertyTests : PlannerPropertyTests
{
    private protected override Gen<FleetSnapshot> Snapshots => HostileSpecGen.Snapshot;

    private protected override bool InvalidSpecsApart => true;
}

/// <summary>Reading hostile specs: no exception escapes, and a spec is valid exactly when no problem is found, each naming a field.</summary>
public sealed class HostileSpecReadingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const long Iterations = 10_000;

    [Fact]
    public void Reading_never_throws_and_names_a_spec_field_for_each_problem() =>
        HostileSpecGen.Policy.Sample(
            policy =>
            {
                var reading = PolicyValidation.Read(policy);

                Assert.Equal(reading.Problems.Count == 0, reading.Valid);
                Assert.All(reading.Problems, p =>
                {
                    Assert.StartsWith("spec.", p.Field, StringComparison.Ordinal);
                    Assert.False(string.IsNullOrWhiteSpace(p.Message));
                });
                if (reading.Settings is { } settings)
                {
                    Assert.True(settings.MaxNodeAge >= TimeSpan.FromDays(1) && settings.MaxNodeAge <= TimeSpan.FromDays(365));
                    Assert.True(settings.MaxUnavailable.Value >= 1);
                    Assert.All(settings.Windows.Windows, w => Assert.True(w.Duration > TimeSpan.Zero));

                    // The calendar answers for any instant without throwing.
                    _ = settings.Windows.IsOpen(FleetGen.Epoch);
                    _ = settings.Windows.NextStart(FleetGen.Epoch);
                }
            },
            iter: Iterations,
            threads: 1,
            print: p => System.Text.Json.JsonSerializer.Serialize(p.Spec));

    [Fact]
    public void The_hostile_generator_makes_both_valid_and_invalid_specs()
    {
        var valid = 0;
        var invalid = 0;
        HostileSpecGen.Policy.Sample(p => _ = PolicyValidation.Read(p).Valid ? valid++ : invalid++, iter: 2000, threads: 1);

        // Both halves matter: the invalid ones for reading, the valid ones for the planner's invariants.
        output.WriteLine($"{valid} valid, {invalid} invalid");
        Assert.True(valid >= 100 && invalid >= 100, $"{valid} valid, {invalid} invalid");
    }
}
