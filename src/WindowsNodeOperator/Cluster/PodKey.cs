namespace WindowsNodeOperator.Cluster;

internal sealed record PodKey(string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}/{Name}";
}
