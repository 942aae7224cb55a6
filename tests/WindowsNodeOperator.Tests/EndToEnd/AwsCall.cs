namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>One call an operator made to AWS: when (sandbox clock), which action, and its Query parameters.</summary>
internal sealed record AwsCall(DateTimeOffset At, string Action, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>Reads nothing: changes the account (describes and gets aside).</summary>
    public bool IsWrite
    {
        get
        {
            var name = Action[(Action.LastIndexOf('.') + 1)..];
            return !name.StartsWith("Describe", StringComparison.Ordinal) && !name.StartsWith("Get", StringComparison.Ordinal);
        }
    }

    public string? InstanceId => Parameters.GetValueOrDefault("InstanceId");
}
