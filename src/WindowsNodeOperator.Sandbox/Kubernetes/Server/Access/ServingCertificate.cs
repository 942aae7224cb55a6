using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Access;

/// <summary>
/// A self-signed serving certificate for 127.0.0.1, made at start: kubectl (client-go's clientcmd) sends a kubeconfig's
/// credentials only over TLS, so a server that authenticates tokens serves HTTPS, as kube-apiserver does.
/// </summary>
internal static class ServingCertificate
{
    public static X509Certificate2 Create(TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=sandbox-apiserver", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));

        // Valid around both the wall clock (TLS clients check it) and whatever the sandbox clock reads.
        var now = DateTimeOffset.UtcNow;
        var sandboxNow = time.GetUtcNow();
        var notBefore = (sandboxNow < now ? sandboxNow : now).AddDays(-1);
        var notAfter = (sandboxNow > now ? sandboxNow : now).AddYears(1);
        using var created = request.CreateSelfSigned(notBefore, notAfter);

        // Kestrel needs the key in a form the platform's TLS can use: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A handler that trusts exactly this certificate (for in-process HTTP clients of the server).</summary>
    public static HttpMessageHandler TrustingHandler(X509Certificate2 certificate) => new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(certificate.GetRawCertData()),
        },
    };
}
