using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud.Wire;

/// <summary>Hand-built wire requests, signed with a credential scope for one service (the signature itself is never checked).</summary>
internal static class WireCall
{
    public static HttpRequestMessage Form(string service, string form, bool signed = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://aws.test/")
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        return Sign(request, service, signed);
    }

    public static HttpRequestMessage Json(string operation, string body, bool signed = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://aws.test/") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AmazonSSM." + operation);
        return Sign(request, "ssm", signed);
    }

    public static async Task<(int Status, XElement Root)> XmlAsync(HttpMessageInvoker client, HttpRequestMessage request)
    {
        using (request)
        using (var response = await client.SendAsync(request, CancellationToken.None))
        {
            return ((int)response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!);
        }
    }

    /// <summary>Every element of that local name, whatever its namespace.</summary>
    public static IEnumerable<XElement> All(this XElement root, string name) => root.Descendants().Where(e => e.Name.LocalName == name);

    public static string One(this XElement root, string name) => root.All(name).First().Value;

    private static HttpRequestMessage Sign(HttpRequestMessage request, string service, bool signed)
    {
        if (signed)
        {
            request.Headers.TryAddWithoutValidation(
                "Authorization", $"AWS4-HMAC-SHA256 Credential=AKID/20261207/us-west-2/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd");
            request.Headers.Add("X-Amz-Date", "20261207T080000Z");
        }

        return request;
    }
}
