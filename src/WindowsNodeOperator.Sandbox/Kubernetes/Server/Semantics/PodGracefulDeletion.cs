using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>
/// The grace period a pod deletion gets, as the pod registry's strategy decides it: the request's
/// <c>gracePeriodSeconds</c>, else the pod's <c>terminationGracePeriodSeconds</c> (30 when unset); none for a pod never
/// scheduled or already finished, since no kubelet has anything to stop
/// (https://kubernetes.io/docs/concepts/workloads/pods/pod-termination/). A pod with a grace period is not removed: it is
/// marked (Terminating) until its kubelet, having stopped its containers, deletes it with grace 0.
/// </summary>
internal static class PodGracefulDeletion
{
    /// <summary>The grace period, in seconds, of deleting <paramref name="pod"/> with <paramref name="requested"/>.</summary>
    public static long GracePeriod(JsonObject pod, long? requested)
    {
        var period = requested ?? Meta.Long(pod["spec"]?["terminationGracePeriodSeconds"]) ?? 30;
        if (string.IsNullOrEmpty(Meta.Str(pod["spec"], "nodeName")) || Meta.Str(pod["status"], "phase") is "Succeeded" or "Failed")
        {
            return 0;
        }

        // A negative period means "the shortest": kube-apiserver makes it 1.
        return period < 0 ? 1 : period;
    }

    /// <summary>
    /// Whether a further deletion of a pod already Terminating changes its deadline: only a shorter grace period does; a
    /// longer one, or the same, leaves the pod as it is (a graceful deletion in progress is not extended).
    /// </summary>
    public static bool Shortens(JsonObject pod, DateTimeOffset newDeadline) =>
        Meta.Str(pod["metadata"], "deletionTimestamp") is not { } current
        || !DateTimeOffset.TryParse(current, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
        || newDeadline < at;
}
