using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Cli.Report.Checks;

/// <summary>Judges one node's instance against every <see cref="HardeningCheck"/>; pure, the facts come from the cloud ports.</summary>
internal static class HardeningChecks
{
    private const int RdpPort = 3389;

    public static IReadOnlyList<CheckResult> Judge(
        AuditedInstance? instance,
        AuditedImage? image,
        WindowsAmiName? ami,
        IReadOnlyDictionary<string, SecurityGroupFacts> groups,
        IReadOnlyDictionary<string, VolumeFacts> volumes,
        IReadOnlyDictionary<string, string> ssm,
        DateTimeOffset now)
    {
        if (instance is null)
        {
            return [.. Enum.GetValues<HardeningCheck>().Select(c => new CheckResult(c, CheckOutcome.Unknown, "no EC2 instance"))];
        }

        return
        [
            ami is null
                ? new(HardeningCheck.ServerCore, CheckOutcome.Unknown, image?.Name is { } name ? $"AMI name {name} does not say" : "AMI not visible")
                : ami.Edition == Api.WindowsEdition.Core ? Pass(HardeningCheck.ServerCore) : Fail(HardeningCheck.ServerCore, $"{ami.Edition} edition"),
            Rdp(instance, groups),
            ssm.TryGetValue(instance.InstanceId, out var ping)
                ? ping == "Online" ? Pass(HardeningCheck.SsmOnline) : Fail(HardeningCheck.SsmOnline, $"SSM ping status {ping}")
                : Fail(HardeningCheck.SsmOnline, "not managed by SSM"),
            instance.HttpTokens is null
                ? new(HardeningCheck.ImdsV2, CheckOutcome.Unknown)
                : instance.HttpTokens == "required" ? Pass(HardeningCheck.ImdsV2) : Fail(HardeningCheck.ImdsV2, $"HttpTokens {instance.HttpTokens}"),
            instance.RootVolumeId is { } volume && volumes.TryGetValue(volume, out var facts)
                ? facts.Encrypted ? Pass(HardeningCheck.RootEncrypted) : Fail(HardeningCheck.RootEncrypted, $"{volume} not encrypted")
                : new(HardeningCheck.RootEncrypted, CheckOutcome.Unknown, "root volume not found"),
            Available(image, now),
        ];
    }

    private static CheckResult Rdp(AuditedInstance instance, IReadOnlyDictionary<string, SecurityGroupFacts> groups)
    {
        var open = instance.SecurityGroupIds
            .Where(id => groups.TryGetValue(id, out var group) && group.Ingress.Any(r => r.OpensToWorld(RdpPort)))
            .ToList();
        return open.Count > 0
            ? Fail(HardeningCheck.RdpClosed, $"{string.Join(", ", open)} allows 3389 from anywhere")
            : Pass(HardeningCheck.RdpClosed);
    }

    private static CheckResult Available(AuditedImage? image, DateTimeOffset now)
    {
        // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-deprecate.html
        if (image is null)
        {
            return Fail(HardeningCheck.AmiAvailable, "AMI no longer visible (deregistered or private)");
        }

        if (image.State is { } state && state != "available")
        {
            return Fail(HardeningCheck.AmiAvailable, $"AMI state {state}");
        }

        return image.DeprecationTime is { } deprecated && deprecated <= now
            ? Fail(HardeningCheck.AmiAvailable, $"AMI deprecated since {deprecated:yyyy-MM-dd}")
            : Pass(HardeningCheck.AmiAvailable);
    }

    private static CheckResult Pass(HardeningCheck check) => new(check, CheckOutcome.Pass);

    private static CheckResult Fail(HardeningCheck check, string detail) => new(check, CheckOutcome.Fail, detail);
}
