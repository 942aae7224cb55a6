using Microsoft.Extensions.Options;
using WindowsNodeOperator.Hosting.Configuration;
using WindowsNodeOperator.Runtime.Diagnostics;

namespace WindowsNodeOperator.Hosting.Endpoints;

/// <summary>
/// Alive while the controllers make progress: no work due for longer than <see cref="OperatorOptions.StuckAfter"/> is
/// left unfinished (a key not taken, a reconcile not returning, a requeue not firing). A kubelet that sees
/// <c>/healthz</c> fail restarts the container, and the other replica or the restarted one takes over.
/// </summary>
internal sealed class LivenessCheck(ControllerActivity activity, TimeProvider time, IOptions<OperatorOptions> options)
{
    public string? Problem()
    {
        var bound = options.Value.StuckAfter;
        if (activity.OldestUnfinished is not { } since || time.GetUtcNow() - since <= bound)
        {
            return null;
        }

        var age = time.GetUtcNow() - since;
        return $"controllers stuck: work due since {since.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} ({(int)age.TotalSeconds}s ago) is unfinished, "
            + $"beyond Operator:StuckAfter ({(int)bound.TotalSeconds}s)";
    }
}
