namespace WindowsNodeOperator.Runtime.Tests.Fakes;

internal static class Objects
{
    public static string Node(string name, string resourceVersion, string labelValue = "x") =>
        $$$$"""{"apiVersion":"v1","kind":"Node","metadata":{"name":"{{{{name}}}}","resourceVersion":"{{{{resourceVersion}}}}","uid":"uid-{{{{name}}}}","labels":{"group":"{{{{labelValue}}}}"}}}""";

    public static string NodeWithHeartbeat(string name, string resourceVersion, string labelValue, string heartbeat) =>
        $$$$"""{"apiVersion":"v1","kind":"Node","metadata":{"name":"{{{{name}}}}","resourceVersion":"{{{{resourceVersion}}}}","uid":"uid-{{{{name}}}}","labels":{"group":"{{{{labelValue}}}}"}},"status":{"conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"{{{{heartbeat}}}}"}]}}""";

    public static string NodeList(string resourceVersion, params string[] nodes) =>
        $$$$"""{"apiVersion":"v1","kind":"NodeList","metadata":{"resourceVersion":"{{{{resourceVersion}}}}"},"items":[{{{{string.Join(",", nodes.Select(StripKind))}}}}]}""";

    public static string Bookmark(string resourceVersion) =>
        $$$$"""{"apiVersion":"v1","kind":"Node","metadata":{"resourceVersion":"{{{{resourceVersion}}}}"}}""";

    public static string Gone() =>
        """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version","reason":"Expired","code":410}""";

    // Items in a real list carry no apiVersion or kind.
    private static string StripKind(string node) => node.Replace("\"apiVersion\":\"v1\",\"kind\":\"Node\",", string.Empty, StringComparison.Ordinal);
}
