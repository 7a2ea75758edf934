package dev.agentstore.adk;

import dev.agentstore.integration.Conversations;
import dev.agentstore.integration.Retries;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.adk.artifacts.BaseArtifactService;
import com.google.adk.artifacts.ListArtifactsResponse;
import com.google.common.collect.ImmutableList;
import com.google.genai.types.Blob;
import com.google.genai.types.Part;
import dev.agentstore.AgentStore;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.NotFoundException;
import dev.agentstore.artifact.ArtifactInfo;
import dev.agentstore.artifact.ArtifactPutOptions;
import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.model.Session;
import dev.agentstore.model.SessionSpec;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A Google ADK {@link BaseArtifactService} on agentstore: every version of every artifact is one
 * object in the store's artifact store ({@code store.artifacts()}: files or S3, never the
 * database), and a small index resource per session (a {@code Session} resource labelled
 * {@code adk.agentstore.dev/tier=artifacts}) names the files and their versions, so versions
 * are numbered 0, 1, 2, ... per filename without gaps or duplicates, also under concurrent saves
 * from several processes. A filename starting with {@code user:} belongs to the user, shared by
 * all their sessions of the app (as ADK's Cloud Storage service does).
 *
 * <p>A part holding only inline bytes and their MIME type is stored as those bytes, with that
 * content type (a PNG stays a PNG for other readers of the artifact store); any other part as
 * its JSON. {@code deleteArtifact} deletes every version; saving the name again starts at 0.
 * Results are deferred RxJava values: nothing runs until subscribed.
 *
 * <p>Usage: {@code BaseArtifactService artifacts = new AgentStoreArtifactService(store, orgId);}
 */
public final class AgentStoreArtifactService implements BaseArtifactService {
  private static final String USER_PREFIX = "user:";
  private static final String FORMAT = "adk-part";
  private static final Conversations INDEXES = new Conversations("adk-f");
  private static final Conversations FILES = new Conversations("f");

  private final AgentStore store;
  private final String org;

  /** An artifact service keeping {@code org}'s (an organization id) ADK artifacts in {@code store}. */
  public AgentStoreArtifactService(AgentStore store, String org) {
    if (store == null) {
      throw new InvalidArgumentException("store", "required");
    }
    if (org == null || org.isBlank()) {
      throw new InvalidArgumentException("org", "required: the organization id the artifacts belong to");
    }
    this.store = store;
    this.org = org;
  }

  // ------------------------------------------------------------------ BaseArtifactService

  @Override
  public Single<Integer> saveArtifact(String appName, String userId, String sessionId,
      String filename, Part artifact) {
    return Single.fromCallable(() -> save(scope(appName, userId, sessionId, filename), filename,
        artifact));
  }

  @Override
  public Maybe<Part> loadArtifact(String appName, String userId, String sessionId,
      String filename, Integer version) {
    return Maybe.fromCallable(() -> load(scope(appName, userId, sessionId, filename), filename,
        version).orElse(null));
  }

  @Override
  public Single<ListArtifactsResponse> listArtifactKeys(String appName, String userId,
      String sessionId) {
    return Single.fromCallable(() -> {
      TreeSet<String> names = new TreeSet<>();
      names.addAll(files(scopeOf(appName, userId, sessionId, false)).keySet());
      names.addAll(files(scopeOf(appName, userId, sessionId, true)).keySet());
      return ListArtifactsResponse.builder().filenames(ImmutableList.copyOf(names)).build();
    });
  }

  @Override
  public Completable deleteArtifact(String appName, String userId, String sessionId,
      String filename) {
    return Completable.fromAction(() -> delete(scope(appName, userId, sessionId, filename),
        filename));
  }

  @Override
  public Single<ImmutableList<Integer>> listVersions(String appName, String userId,
      String sessionId, String filename) {
    return Single.fromCallable(() -> ImmutableList.copyOf(
        versions(scope(appName, userId, sessionId, filename), filename)));
  }

  // ------------------------------------------------------------------ implementation

  /** Whose artifacts: one session's, or (for {@code user:} names) the user's. */
  private record Scope(String app, String user, String session) {
    String key() {
      return session == null ? AgentStoreSessionService.key(app, user)
          : AgentStoreSessionService.key(app, user, session);
    }

    String slug() {
      return INDEXES.slug(key());
    }
  }

  private static Scope scope(String app, String user, String session, String filename) {
    AgentStoreSessionService.required(filename, "filename");
    if (filename.isEmpty()) {
      throw new InvalidArgumentException("filename", "is empty");
    }
    return scopeOf(app, user, session, filename.startsWith(USER_PREFIX));
  }

  private static Scope scopeOf(String app, String user, String session, boolean userScoped) {
    AgentStoreSessionService.required(app, "appName");
    AgentStoreSessionService.required(user, "userId");
    AgentStoreSessionService.required(session, "sessionId");
    return new Scope(app, user, userScoped ? null : session);
  }

  private static String objectKey(Scope scope, String filename, int version) {
    return folder(scope, filename) + version;
  }

  private static String folder(Scope scope, String filename) {
    return "adk-artifacts/" + scope.slug() + "/" + FILES.slug(filename) + "/";
  }

  /** filename -> {"next": n, "versions": [...]} of the scope's index (empty if none). */
  private Map<String, JsonNode> files(Scope scope) {
    return store.readTransaction(tx -> tx.sessions().getBySlug(org, scope.slug()))
        .map(AgentStoreArtifactService::files).orElseGet(HashMap::new);
  }

  private static Map<String, JsonNode> files(Session index) {
    Map<String, JsonNode> out = new HashMap<>();
    JsonNode adk = index.spec().unknownFields().get(AgentStoreSessionService.FIELD);
    if (adk != null && adk.get("files") instanceof ObjectNode f) {
      f.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static List<Integer> versionsOf(JsonNode file) {
    List<Integer> out = new ArrayList<>();
    if (file != null) {
      file.path("versions").forEach(v -> out.add(v.asInt()));
    }
    out.sort(null);
    return out;
  }

  private List<Integer> versions(Scope scope, String filename) {
    return versionsOf(files(scope).get(filename));
  }

  /** Changes the scope's index in one transaction; {@code change} edits the files object. */
  private <T> T editIndex(Scope scope, Function<ObjectNode, T> change) {
    return Retries.onRaces(() -> store.inTransaction(tx -> {
      Optional<Session> found = tx.sessions().getBySlug(org, scope.slug());
      ObjectNode adk;
      if (found.isPresent() && found.get().spec().unknownFields().get(AgentStoreSessionService.FIELD)
          instanceof ObjectNode a) {
        adk = a.deepCopy();
      } else {
        adk = AdkJson.NODES.objectNode();
        adk.put("tier", "artifacts");
        adk.put("appName", scope.app());
        adk.put("userId", scope.user());
        if (scope.session() != null) {
          adk.put("sessionId", scope.session());
        }
      }
      ObjectNode files = adk.get("files") instanceof ObjectNode f ? f : adk.putObject("files");
      T result = change.apply(files);
      Map<String, JsonNode> unknown = new HashMap<>();
      if (found.isPresent()) {
        Session index = found.get();
        unknown.putAll(index.spec().unknownFields());
        unknown.put(AgentStoreSessionService.FIELD, adk);
        tx.sessions().update(index.withSpec(index.spec().withUnknownFields(unknown)));
      } else {
        unknown.put(AgentStoreSessionService.FIELD, adk);
        tx.sessions().create(Session.builder().org(org).slug(scope.slug()).name(scope.slug())
            .label(AgentStoreSessionService.TIER_LABEL, "artifacts")
            .spec(SessionSpec.builder().unknownFields(unknown).build()).build());
      }
      return result;
    }));
  }

  private int save(Scope scope, String filename, Part part) {
    if (part == null) {
      throw new InvalidArgumentException("artifact", "required");
    }
    Encoded encoded = encode(part);
    // 1. take the next version number
    int version = editIndex(scope, files -> {
      ObjectNode file = files.get(filename) instanceof ObjectNode f ? f : files.putObject(filename);
      int next = file.path("next").asInt(0);
      file.put("next", next + 1);
      if (!file.has("versions")) {
        file.putArray("versions");
      }
      return next;
    });
    // 2. store the bytes (atomic: readers see the whole object or none)
    store.artifacts().put(objectKey(scope, filename, version),
        new ByteArrayInputStream(encoded.bytes()), encoded.options());
    // 3. publish the version
    editIndex(scope, files -> {
      ObjectNode file = files.get(filename) instanceof ObjectNode f ? f : files.putObject(filename);
      if (file.path("next").asInt(0) <= version) {
        file.put("next", version + 1);
      }
      ArrayNode versions = file.get("versions") instanceof ArrayNode v ? v : file.putArray("versions");
      versions.add(version);
      return null;
    });
    return version;
  }

  private Optional<Part> load(Scope scope, String filename, Integer version) {
    List<Integer> versions = versions(scope, filename);
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    int wanted = version == null ? versions.get(versions.size() - 1) : version;
    if (!versions.contains(wanted)) {
      return Optional.empty();
    }
    String key = objectKey(scope, filename, wanted);
    ArtifactStore artifacts = store.artifacts();
    Optional<ArtifactInfo> info = artifacts.head(key);
    if (info.isEmpty()) {
      return Optional.empty(); // deleted since the index was read
    }
    byte[] bytes;
    try (InputStream in = artifacts.get(key)) {
      bytes = in.readAllBytes();
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read artifact " + key, e);
    }
    if ("inline".equals(info.get().metadata().get(FORMAT))) {
      return Optional.of(Part.fromBytes(bytes, info.get().contentType()));
    }
    return Optional.of(Part.fromJson(new String(bytes, StandardCharsets.UTF_8)));
  }

  private void delete(Scope scope, String filename) {
    editIndex(scope, files -> files.remove(filename));
    store.artifacts().deletePrefix(folder(scope, filename));
  }

  private record Encoded(byte[] bytes, ArtifactPutOptions options) {}

  private static Encoded encode(Part part) {
    Optional<Blob> blob = part.inlineData();
    if (blob.isPresent() && blob.get().data().isPresent() && blob.get().mimeType().isPresent()
        && part.equals(Part.fromBytes(blob.get().data().get(), blob.get().mimeType().get()))) {
      try {
        return new Encoded(blob.get().data().get(), ArtifactPutOptions.builder()
            .contentType(blob.get().mimeType().get()).metadata(FORMAT, "inline").build());
      } catch (InvalidArgumentException e) {
        // a MIME type the artifact store does not take as a content type: keep the JSON
      }
    }
    return new Encoded(part.toJson().getBytes(StandardCharsets.UTF_8), ArtifactPutOptions.builder()
        .contentType("application/json").metadata(FORMAT, "json").build());
  }

}
