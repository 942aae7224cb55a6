using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Aws.Ec2;
using WindowsNodeOperator.Aws.Ssm;
using WindowsNodeOperator.Tests.EndToEnd;

namespace WindowsNodeOperator.Tests.Aws.Ssm;

/// <summary>The AMI cache under a wall clock stepped by NTP: a step back does not keep a look fresh for longer.</summary>
public sealed class SsmAmiCatalogClockTests
{
    private const string Core2022 = "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.31/image_id";

    private readonly FakeAmiSource _aws = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingPipeline _pipeline = new();

    [Fact]
    public async Task After_the_wall_clock_steps_back_a_day_the_parameter_is_read_again_at_the_next_look()
    {
        var clock = new JumpingClock(_time);
        var catalog = new SsmAmiCatalog(
            new SsmParameterReader(_aws.Ssm.Object, _pipeline), new Ec2ImageReader(_aws.Ec2.Object, _pipeline), Options.Create(new AmiCatalogOptions()), clock);
        _aws.AddAmi(Core2022, "ami-0aaaaaaaaaaaaaaaa", "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.04.14", "2026-04-14T08:30:00.000Z");
        await catalog.GetLatestAsync(Core2022, CancellationToken.None);

        clock.Jump(TimeSpan.FromDays(-1));
        _aws.AddAmi(Core2022, "ami-0cccccccccccccccc", "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.04.30", "2026-04-30T08:30:00.000Z");
        var release = await catalog.GetLatestAsync(Core2022, CancellationToken.None);

        Assert.Equal(2, _aws.ParameterRequests.Count);
        Assert.Equal("ami-0cccccccccccccccc", release.ImageId);

        // Read again on the stepped clock, the look is cached for its TTL as usual.
        await catalog.GetLatestAsync(Core2022, CancellationToken.None);
        Assert.Equal(2, _aws.ParameterRequests.Count);
    }
}
