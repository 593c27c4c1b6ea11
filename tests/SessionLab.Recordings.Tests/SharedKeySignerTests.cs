using System.Globalization;
using System.Net.Http.Headers;

namespace SessionLab.Recordings.Tests;

public sealed class SharedKeySignerTests
{
    private static readonly SharedKeySigner DevelopmentAccount = new("devstoreaccount1", Convert.FromBase64String(StorageConnectionString.DevelopmentAccountKey));
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    // The canonicalized-resource examples of "Authorize with Shared Key" (Blob service, version 2009-09-19 and later).
    [Theory]
    [InlineData("myaccount", "http://myaccount.blob.core.windows.net/mycontainer?restype=container&comp=metadata", "/myaccount/mycontainer\ncomp:metadata\nrestype:container")]
    [InlineData("myaccount", "http://myaccount.blob.core.windows.net/mycontainer?restype=container&comp=list&include=snapshots&include=metadata&include=uncommittedblobs", "/myaccount/mycontainer\ncomp:list\ninclude:metadata,snapshots,uncommittedblobs\nrestype:container")]
    [InlineData("myaccount", "https://myaccount.blob.core.windows.net/mycontainer/myblob", "/myaccount/mycontainer/myblob")]
    [InlineData("devstoreaccount1", "http://127.0.0.1:10000/devstoreaccount1/mycontainer/myblob", "/devstoreaccount1/devstoreaccount1/mycontainer/myblob")]
    public void CanonicalizedResourceMatchesTheDocumentedExamples(string account, string uri, string expected)
    {
        var signer = new SharedKeySigner(account, new byte[32]);

        Assert.Equal(expected, signer.CanonicalizeResource(new Uri(uri)));
    }

    [Fact]
    public void CanonicalizedResourceDecodesQueryValues()
    {
        var resource = DevelopmentAccount.CanonicalizeResource(new Uri("http://127.0.0.1:10000/devstoreaccount1/c?restype=container&comp=list&prefix=studies%2Fs1%2F&marker=a%2Bb%3D"));

        Assert.Equal("/devstoreaccount1/devstoreaccount1/c\ncomp:list\nmarker:a+b=\nprefix:studies/s1/\nrestype:container", resource);
    }

    [Fact]
    public void StringToSignOfPutBlockHasEveryStandardHeaderLineThenXmsHeadersThenTheResource()
    {
        using var request = PutBlock();

        DevelopmentAccount.Sign(request, Now);

        var expected = string.Join('\n',
            "PUT",
            string.Empty, // Content-Encoding
            string.Empty, // Content-Language
            "5", // Content-Length
            string.Empty, // Content-MD5
            string.Empty, // Content-Type
            string.Empty, // Date (x-ms-date is sent instead)
            string.Empty, // If-Modified-Since
            string.Empty, // If-Match
            string.Empty, // If-None-Match
            string.Empty, // If-Unmodified-Since
            string.Empty, // Range
            "x-ms-date:Sun, 22 Nov 2026 08:00:00 GMT",
            "x-ms-version:2021-08-06",
            "/devstoreaccount1/devstoreaccount1/recordings/studies/s1/a.webm",
            "blockid:MDAwMDAw",
            "comp:block");
        Assert.Equal(expected, DevelopmentAccount.BuildStringToSign(request));
    }

    [Fact]
    public void AuthorizationIsTheHmacOfTheStringToSignWithTheAccountKey()
    {
        using var request = PutBlock();

        DevelopmentAccount.Sign(request, Now);

        // Computed independently with Node's crypto over the string of the test above.
        Assert.Equal("SharedKey devstoreaccount1:Q80SxYE1Ln0WXC1sXzo+u8QwbzdWkU3th+6P8Rm9CH8=", request.Headers.Authorization?.ToString());
        Assert.Equal("Sun, 22 Nov 2026 08:00:00 GMT", request.Headers.GetValues("x-ms-date").Single());
    }

    [Fact]
    public void ZeroContentLengthIsSignedAsEmptyAndContentTypeAsSent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:10000/devstoreaccount1/recordings?restype=container")
        {
            Content = new ByteArrayContent([]),
        };
        request.Content.Headers.ContentLength = 0;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };

        DevelopmentAccount.Sign(request, Now);

        var lines = DevelopmentAccount.BuildStringToSign(request).Split('\n');
        Assert.Equal(string.Empty, lines[3]);
        Assert.Equal("application/xml; charset=utf-8", lines[5]);
    }

    [Fact]
    public void ServiceSasStringToSignHasTheSixteenFieldsOfVersion20201206()
    {
        var stringToSign = DevelopmentAccount.BuildBlobSasStringToSign("r", "2026-11-22T09:00:00Z", "recordings", "studies/s1/a.webm");

        // The layout Azurite 3.35 rebuilds (generateBlobSASSignature20201206), printed by it for these values.
        Assert.Equal("r\n\n2026-11-22T09:00:00Z\n/blob/devstoreaccount1/recordings/studies/s1/a.webm\n\n\n\n2021-08-06\nb\n\n\n\n\n\n\n", stringToSign);
    }

    [Fact]
    public void ServiceSasCarriesVersionExpiryResourcePermissionAndSignature()
    {
        var expiry = DateTimeOffset.Parse("2026-11-22T09:00:00Z", CultureInfo.InvariantCulture);

        var sas = DevelopmentAccount.CreateBlobReadSas("recordings", "studies/s1/a.webm", expiry);

        // The signature Azurite's own generator gives for the same values and the development key.
        Assert.Equal("sv=2021-08-06&se=2026-11-22T09%3A00%3A00Z&sr=b&sp=r&sig=05%2BlexP%2BDnwgt6hpuCmKrvixQbWsLnT%2B6cBxESb0tIc%3D", sas);
    }

    private static HttpRequestMessage PutBlock()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:10000/devstoreaccount1/recordings/studies/s1/a.webm?comp=block&blockid=MDAwMDAw")
        {
            Content = new ByteArrayContent("hello"u8.ToArray()),
        };
        request.Content.Headers.ContentLength = 5;
        return request;
    }
}
