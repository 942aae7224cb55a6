namespace WindowsNodeOperator.Tests.Monitoring;

/// <summary>One alert of an Alertmanager webhook notification.</summary>
internal sealed record DeliveredAlert(
    string Status, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, DateTimeOffset ReceivedAt)
{
    public string Name => Labels["alertname"];

    public bool Firing => Status == "firing";

    public override string ToString() => $"{Name}[{Status}]{{{string.Join(",", Labels.Where(l => l.Key != "alertname").Select(l => $"{l.Key}={l.Value}"))}}}";
}
