namespace WindowsNodeOperator.Cloud;

/// <summary>One inbound permission: a protocol (<c>tcp</c>, <c>-1</c> for every protocol), a port range and its IPv4 and IPv6 sources.</summary>
internal sealed record IngressRule(string Protocol, int? FromPort, int? ToPort, IReadOnlyList<string> Sources)
{
    /// <summary>Whether the rule lets <paramref name="port"/>/TCP in from anywhere (0.0.0.0/0 or ::/0).</summary>
    public bool OpensToWorld(int port) =>
        (Protocol is "-1" || (Protocol is "tcp" or "6" && (FromPort ?? 0) <= port && port <= (ToPort ?? 65535)))
        && Sources.Any(s => s is "0.0.0.0/0" or "::/0");
}
