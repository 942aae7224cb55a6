namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

/// <summary>Auto Scaling answers as the service writes them, built from the model's output shapes.</summary>
internal static partial class Samples
{
    public const string Namespace = "http://autoscaling.amazonaws.com/doc/2011-01-01/";

    public static string Response(string action, string result, string requestId = "7c6e177f-f082-11e1-ac58-3714bEXAMPLE") => $"""
        <{action}Response xmlns="{Namespace}">
          <{action}Result>{result}</{action}Result>
          <ResponseMetadata>
            <RequestId>{requestId}</RequestId>
          </ResponseMetadata>
        </{action}Response>
        """;

    public static string Empty(string action) => Response(action, "");

    public static string Error(string type, string code, string message, string requestId = "b1f3a1c2-0e1d-4b7a-9a52-2f9d2EXAMPLE") => $"""
        <ErrorResponse xmlns="{Namespace}">
          <Error>
            <Type>{type}</Type>
            <Code>{code}</Code>
            <Message>{message}</Message>
          </Error>
          <RequestId>{requestId}</RequestId>
        </ErrorResponse>
        """;
}
