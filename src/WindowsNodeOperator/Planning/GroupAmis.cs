using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Planning;

/// <summary>
/// Which EKS-optimized AMI family a group's target comes from: the policy's Windows version and edition where it names
/// them, otherwise what the group runs now. A group is never moved to another Windows version without
/// <c>ami.allowWindowsVersionChange</c>: Windows containers must match their host's build, so its pods would stop running.
/// </summary>
internal static class GroupAmis
{
    /// <summary>
    /// Whether the operator picks the group's AMI: not with <c>ami.ssmParameter</c> (the user's parameter is the target), nor
    /// with <c>ami.updateLaunchTemplate: false</c> or a launch configuration (the group's own image is): then it never changes
    /// the group's Windows version, and expired nodes come back on the version they had.
    /// </summary>
    public static bool Applies(GroupFacts group, AmiSpec ami) =>
        ami.SsmParameter is null && ami.UpdateLaunchTemplate && group.LaunchTemplate is not null;

    /// <summary>The family of the group's target, or the wait that leaves the group alone; both null with <c>ami.ssmParameter</c>.</summary>
    public static (WindowsAmiFamily? Family, Wait? Block) Family(string group, GroupWindows current, AmiSpec ami)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(ami);

        // 1. The user names the SSM parameter: its AMI is the target, whatever version it is.
        if (ami.SsmParameter is not null)
        {
            return (null, null);
        }

        var named = ami.WindowsVersion;
        var edition = ami.Edition ?? current.Edition ?? WindowsEdition.Core;

        // 2. A version change the user allowed: the group's current version does not matter.
        if (named is not null && ami.AllowWindowsVersionChange)
        {
            return (new WindowsAmiFamily(named, edition), null);
        }

        // 3. Which version the group runs is unknown: acting could put its pods on hosts of another build.
        if (current.Version is not { } running)
        {
            var what = named is null
                ? "spec.ami.windowsVersion is not set, so the group would keep its version"
                : $"spec.ami.windowsVersion is {named} and spec.ami.allowWindowsVersionChange is false";
            return (null, new Wait(
                WaitReason.WindowsVersionUnknown,
                $"group {group}: the Windows Server version it runs cannot be determined ({current.Evidence}); {what}, so the operator leaves the group alone"));
        }

        // 4. The policy names another version than the group runs, without leave to change it.
        if (named is not null && named != running)
        {
            return (null, new Wait(
                WaitReason.WindowsVersionMismatch,
                $"group {group} runs Windows Server {running} but spec.ami.windowsVersion is {named} ({current.Evidence}); "
                + $"containers built for {running} do not run on {named} hosts, so the group is left alone: set spec.ami.allowWindowsVersionChange "
                + "to migrate it, or unset spec.ami.windowsVersion to keep each group on its version"));
        }

        return (new WindowsAmiFamily(running, edition), null);
    }
}
