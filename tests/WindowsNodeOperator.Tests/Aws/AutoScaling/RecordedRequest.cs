namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

internal sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Form)
{
    public string Action => Value("Action") ?? "";

    public string? Value(string name) => Form.FirstOrDefault(p => p.Key == name).Value;
}
