using WindowsNodeOperator.Cli.Report.Checks;

namespace WindowsNodeOperator.Cli.Report;

/// <summary>One Windows node in the report. <see cref="OnLatest"/> is null when the latest AMI of its kind is not known.</summary>
internal sealed record ReportRow(
    string Node,
    string? Group,
    string? InstanceId,
    string? Zone,
    string? ImageId,
    string? ImageName,
    string? LatestImageId,
    bool? OnLatest,
    string? WindowsVersion,
    string? Edition,
    string KubernetesVersion,
    DateTimeOffset? LaunchTime,
    TimeSpan? Age,
    TimeSpan? ExpiresIn,
    ReportVerdict Verdict,
    IReadOnlyList<CheckResult> Checks);
