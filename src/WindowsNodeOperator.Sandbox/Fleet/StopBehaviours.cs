using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>
/// Carries a workload's <see cref="StopBehaviour"/> on its pod template as an annotation, so every pod of it, seeded or
/// created by its controller, stops the same way. A sandbox knob: the annotation stands for the image's own code.
/// </summary>
public static class StopBehaviours
{
    public const string Annotation = "sandbox.windowsnode.io/on-stop";

    /// <summary>The pod's behaviour; <see cref="StopBehaviour.Exit"/> when it carries none or one not known.</summary>
    public static StopBehaviour Of(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var value = pod["metadata"]?["annotations"]?[Annotation] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        return Enum.TryParse<StopBehaviour>(value, ignoreCase: false, out var behaviour) && Enum.IsDefined(behaviour) ? behaviour : StopBehaviour.Exit;
    }
}
