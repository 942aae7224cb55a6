using k8s.Models;

namespace WindowsNodeOperator.Reconciliation.Status;

/// <summary>
/// Builds a policy's conditions from the previous ones, keeping each lastTransitionTime unless that condition's
/// status changed (status is written by merge patch, so nobody else keeps it stable).
/// </summary>
internal sealed class ConditionSet(IReadOnlyList<V1Condition>? previous, long? generation, DateTimeOffset now)
{
    private readonly List<V1Condition> _conditions = [];

    public ConditionSet Set(string type, bool status, string reason, string message)
    {
        var text = status ? "True" : "False";
        var before = previous?.FirstOrDefault(c => c.Type == type);
        var since = before is not null && before.Status == text ? before.LastTransitionTime : now.UtcDateTime;
        _conditions.Add(new V1Condition
        {
            Type = type,
            Status = text,
            Reason = reason,
            Message = message.Length > 32_000 ? message[..32_000] : message,
            ObservedGeneration = generation,
            LastTransitionTime = since,
        });
        return this;
    }

    public List<V1Condition> Build() => _conditions;
}
