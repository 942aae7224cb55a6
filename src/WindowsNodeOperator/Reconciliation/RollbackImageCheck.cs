using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Reconciliation.Status;
using WindowsNodeOperator.Runtime.Events;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// Before a refresh relies on rolling back: can the group still launch the AMI a rollback would return to? EKS makes its
/// Windows AMIs private some months after release; the account then no longer sees one (DescribeImages leaves it out), a
/// group still launching it cannot scale out, and a rollback to it would launch nothing. Said as a Warning event and a
/// Degraded reason naming the group and the AMI; the refresh then starts without AWS auto rollback (see docs/architecture.md).
/// </summary>
internal sealed class RollbackImageCheck(LaunchTemplateImageCache templates, IAmiCatalog amis, PolicyEvents events)
{
    /// <returns>
    /// Why a rollback of <paramref name="groupName"/> could not launch, for the ledger; null when its current AMI is seen,
    /// or cannot be told (a mixed instances policy, no template, no image).
    /// </returns>
    public async Task<string?> CheckAsync(PolicyContext context, Gathered gathered, string groupName, string targetImageId, List<Problem> problems, CancellationToken ct)
    {
        // 1. The AMI the group launches now is what a rollback (AWS's, or the operator's own restore) launches again.
        if (gathered.Groups.FirstOrDefault(g => g.Name == groupName)?.LaunchTemplate is not { } current
            || (await templates.GetAsync(current, ct).ConfigureAwait(false)).ImageId is not { } image
            || image == targetImageId)
        {
            return null;
        }

        // 2. EC2 describes every image this account may launch; one it no longer describes was made private or deregistered.
        var names = await amis.GetImageNamesAsync([image], ct).ConfigureAwait(false);
        if (names.ContainsKey(image))
        {
            return null;
        }

        var message = $"group {groupName} runs AMI {image}, which EC2 no longer describes to this account (made private or deregistered): "
            + $"the group cannot scale out, and a rollback to it would launch nothing. Its instance refresh to AMI {targetImageId} "
            + "starts without auto rollback; should that AMI fail, the refresh is cancelled, and the group needs a launchable AMI";
        problems.Add(new Problem(DegradedReasons.RollbackImageUnavailable, message));
        await events.PolicyAsync(context.Policy, EventTypes.Warning, EventReasons.RollbackImageUnavailable, "StartRefresh", message, ct).ConfigureAwait(false);
        return $"{EventReasons.RollbackImageUnavailable}: AMI {image} is not available to this account";
    }
}
