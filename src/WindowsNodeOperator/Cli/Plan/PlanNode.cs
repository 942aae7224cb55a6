namespace WindowsNodeOperator.Cli.Plan;

/// <summary>A node due for replacement, why, and how old it is.</summary>
internal sealed record PlanNode(string Node, string? Instance, string? ImageId, TimeSpan? Age, bool Expired, bool Drifted)
{
    public string Why => Expired && Drifted ? "expired,drifted" : Expired ? "expired" : "drifted";
}
