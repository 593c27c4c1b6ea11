using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Members;

/// <summary>A signed-in member who opens a session link joins under their account's name; a participant never does.</summary>
public sealed class MemberJoinTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task ASignedInMemberJoinsUnderTheirAccountNameWhateverNameTheyType()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);
        var observer = await factory.InviteAsync(study, session.Id, SessionRole.Observer);

        var asMember = await JoinAsync(observer.Token, "Somebody else", study.MemberToken);
        var anonymous = await JoinAsync(observer.Token, "Guest", memberToken: null);

        Assert.Equal(("Olive Owner", SessionRole.Observer), (asMember.You.DisplayName, asMember.You.Role));
        Assert.Equal("Guest", anonymous.You.DisplayName);
        Assert.NotEqual(asMember.You.Id, anonymous.You.Id);
    }

    [Fact]
    public async Task AMemberOpeningAParticipantLinkIsTheParticipantNotThemselves()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);
        var participant = await factory.InviteAsync(study, session.Id, SessionRole.Participant);

        var joined = await JoinAsync(participant.Token, null, study.MemberToken);

        Assert.Equal(("Participant", SessionRole.Participant), (joined.You.DisplayName, joined.You.Role));
    }

    private async Task<SessionJoined> JoinAsync(string invite, string? displayName, string? memberToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(HubUrl.For(factory.Server.BaseAddress, invite), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                if (memberToken is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(memberToken);
                }
            })
            .AddJsonProtocol(o => SessionJson.Configure(o.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(15));
        try
        {
            var joined = await connection.InvokeAsync<HubResult<SessionJoined>>("Join", new JoinSessionRequest(displayName, null, 0)).WaitAsync(TimeSpan.FromSeconds(15));
            Assert.True(joined.Ok, joined.Error?.Message);
            return joined.Value!;
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
