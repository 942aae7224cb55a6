using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>
/// What a workload's containers do when the kubelet stops them. On Windows the entry process gets CTRL_SHUTDOWN_EVENT
/// rather than SIGTERM, and many servercore images never handle it, so they are killed only when the grace period ends
/// (https://kubernetes.io/docs/concepts/windows/intro/); and a Windows host's runtime or networking sometimes fails to
/// tear a pod down at all, leaving it Terminating until it is force deleted
/// (https://github.com/kubernetes/kubernetes/issues/51352, https://github.com/microsoft/Windows-Containers/issues/106).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<StopBehaviour>))]
public enum StopBehaviour
{
    /// <summary>Handles the stop signal and exits within the fleet's <c>timings.podStop</c>.</summary>
    Exit,

    /// <summary>Ignores the stop signal: killed when its grace period ends.</summary>
    IgnoreSignal,

    /// <summary>Never torn down: Terminating until deleted with grace period 0.</summary>
    Hang,
}
