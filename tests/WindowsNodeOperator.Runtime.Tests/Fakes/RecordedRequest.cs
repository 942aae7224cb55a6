using System.Web;

namespace WindowsNodeOperator.Runtime.Tests.Fakes;

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Body, string? ContentType)
{
    public string Path => Uri.AbsolutePath;

    public bool IsWatch => Query("watch") == "true";

    public string? Query(string name) => HttpUtility.ParseQueryString(Uri.Query)[name];
}
