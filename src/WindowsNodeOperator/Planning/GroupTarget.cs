namespace WindowsNodeOperator.Planning;

/// <summary>A group of the policy and the AMI its nodes should run.</summary>
/// <param name="TargetImageId">Null when the planner knows no AMI for the group (no launch template and no usable latest AMI).</param>
/// <param name="Hold">Why the latest AMI is not this group's target, when it is not.</param>
/// <param name="FailedIn">The held AMI record when the target itself is an AMI the operator holds (failed here or in another group): nothing starts.</param>
/// <param name="Family">The Windows version and edition of the target (null with <c>ami.ssmParameter</c>, or when <paramref name="WindowsBlock"/> is set).</param>
/// <param name="WindowsBlock">Why the group is left alone: its Windows version is unknown, or not the one the policy names.</param>
internal sealed record GroupTarget(
    GroupFacts Group, string? TargetImageId, Wait? Hold, FailedAmiFacts? FailedIn, WindowsAmiFamily? Family = null, Wait? WindowsBlock = null)
{
    public string Name => Group.Name;

    public bool TargetFailedBefore => FailedIn is not null;

    /// <summary>The template launches something other than the target, and the policy may fix that.</summary>
    public bool NeedsLaunchTemplate(bool updateLaunchTemplate) =>
        updateLaunchTemplate
        && TargetImageId is not null
        && Group.LaunchTemplate is not null
        && Group.LaunchTemplateImageId != TargetImageId;
}
