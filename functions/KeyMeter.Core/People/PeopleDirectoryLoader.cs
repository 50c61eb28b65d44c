using KeyMeter.Core.Keys;

namespace KeyMeter.Core.People;

/// <summary>Reads the keys and the team mapping into a <see cref="PeopleDirectory"/>, once per poll or report.</summary>
public sealed class PeopleDirectoryLoader(IKeyStore keys, ITeamMappingStore teams)
{
    public async Task<PeopleDirectory> LoadAsync(CancellationToken cancellationToken)
    {
        var keyList = keys.ListAsync(cancellationToken);
        var teamList = teams.ListAsync(cancellationToken);
        return PeopleDirectory.Build(await keyList, await teamList);
    }
}
