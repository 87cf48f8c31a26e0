package dev.gatehouse.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import dev.gatehouse.api.ResourceCollection;
import dev.gatehouse.api.UnsupportedMediaTypeException;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.settings.OrganisationSettings;
import dev.gatehouse.snapshot.SnapshotService.UploadTarget;
import dev.gatehouse.system.InvalidRequestException;
import dev.gatehouse.system.PayloadTooLargeException;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/Projects/{key}/Snapshots} (SPEC §10): upload as multipart (a file part
 * {@code file} and a field {@code version}) or as a raw {@code application/octet-stream}
 * body with {@code ?version=}; list; download {@code /{id}/content}. The multipart body
 * is parsed here, as a stream, after authentication: the servlet container never parses
 * one (multipart is off), so nobody can make it spool a body before being authenticated.
 */
@RestController
@RequestMapping(path = "/api/v1/Projects/{key}/Snapshots",
		produces = { MediaType.APPLICATION_XML_VALUE, MediaType.APPLICATION_JSON_VALUE })
class SnapshotApiController {

	/** Room for multipart boundaries, part headers and the version field. */
	private static final long MULTIPART_OVERHEAD = 64 * 1024;

	private static final int MAX_FIELD = 4096;

	/** The most of a refused upload read and discarded: the largest limit allowed. */
	private static final long MAX_DRAIN = OrganisationSettings.MAX_SNAPSHOT_BYTES + MULTIPART_OVERHEAD;

	private final SnapshotService snapshots;

	SnapshotApiController(SnapshotService snapshots) {
		this.snapshots = snapshots;
	}

	@GetMapping
	ResourceCollection<SnapshotRepresentation> list(Caller caller, @PathVariable String key,
			CollectionParameters parameters) {
		return ResourceCollection.of(this.snapshots.list(caller, key, parameters).map(SnapshotRepresentation::of),
				"Snapshots", "Snapshot");
	}

	@GetMapping("/{id}")
	SnapshotRepresentation get(Caller caller, @PathVariable String key, @PathVariable long id) {
		return SnapshotRepresentation.of(this.snapshots.get(caller, key, id));
	}

	@GetMapping(path = "/{id}/content", produces = MediaType.ALL_VALUE)
	void content(Caller caller, @PathVariable String key, @PathVariable long id, HttpServletResponse response)
			throws IOException {
		Snapshot snapshot = this.snapshots.get(caller, key, id);
		this.snapshots.download(snapshot, response);
	}

	@PostMapping(consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	@Operation(summary = "Upload a snapshot",
			description = "Two forms: multipart/form-data with a file part 'file' and a field 'version', or a raw"
					+ " application/octet-stream body with ?version= (and optionally ?fileName=). For the project's"
					+ " access tokens (their own project only) and its administrators. 201 with the snapshot; 413"
					+ " over the SnapshotMaxBytes setting, 400 for an empty file or a missing version, 415 for any"
					+ " other content type; nothing is stored on any error.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = {
							@Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
									schema = @Schema(implementation = MultipartSnapshot.class)),
							@Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
									schema = @Schema(type = "string", format = "binary")) }))
	ResponseEntity<SnapshotRepresentation> uploadRaw(@AuthenticationPrincipal Object principal,
			@PathVariable String key, @RequestParam(required = false) String version,
			@RequestParam(required = false) String fileName, HttpServletRequest request) throws IOException {
		Uploader uploader = Uploader.of(principal);
		UploadTarget target = this.snapshots.uploadTarget(uploader, key);
		if (version == null) {
			throw new InvalidRequestException("Parameter 'version' is required: the version or commit label");
		}
		try {
			this.snapshots.checkAnnouncedLength(request.getContentLengthLong(), 0);
			try (SnapshotSpool content = this.snapshots.spool(request.getInputStream())) {
				return created(this.snapshots.store(uploader, target, version, fileName, content));
			}
		}
		catch (PayloadTooLargeException ex) {
			throw drained(request, ex);
		}
		catch (IOException ex) {
			throw refusal(request, ex);
		}
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Hidden // Described with uploadRaw: one operation, two forms.
	ResponseEntity<SnapshotRepresentation> uploadForm(@AuthenticationPrincipal Object principal,
			@PathVariable String key, HttpServletRequest request) throws IOException {
		Uploader uploader = Uploader.of(principal);
		UploadTarget target = this.snapshots.uploadTarget(uploader, key);
		JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
		upload.setMaxSize(this.snapshots.sizeLimit() + MULTIPART_OVERHEAD);
		upload.setMaxFileCount(10);
		SnapshotSpool content = null;
		String version = null;
		String fileName = null;
		try {
			this.snapshots.checkAnnouncedLength(request.getContentLengthLong(), MULTIPART_OVERHEAD);
			FileItemInputIterator parts = upload.getItemIterator(request);
			while (parts.hasNext()) {
				FileItemInput part = parts.next();
				switch (part.getFieldName()) {
					case "file" -> {
						if (content != null || part.isFormField()) {
							throw new InvalidRequestException("Send exactly one file, in the part 'file'");
						}
						fileName = part.getName();
						content = this.snapshots.spool(part.getInputStream());
					}
					case "version" -> version = field(part);
					default -> throw new InvalidRequestException("Unknown part '" + part.getFieldName()
							+ "'; a snapshot upload has the parts 'file' and 'version'");
				}
			}
			if (content == null) {
				throw new InvalidRequestException("The part 'file' is required: the snapshot file");
			}
			if (version == null) {
				throw new InvalidRequestException("The field 'version' is required: the version or commit label");
			}
			return created(this.snapshots.store(uploader, target, version, fileName, content));
		}
		catch (PayloadTooLargeException ex) {
			throw drained(request, ex);
		}
		catch (IOException ex) {
			throw refusal(request, ex);
		}
		finally {
			if (content != null) {
				content.close();
			}
		}
	}

	/**
	 * Any other body: say which two forms an upload takes.
	 */
	@PostMapping
	@Hidden
	ResponseEntity<SnapshotRepresentation> uploadOther(HttpServletRequest request) {
		throw new UnsupportedMediaTypeException("Upload a snapshot as multipart/form-data (a file part 'file' and a"
				+ " field 'version') or as application/octet-stream with ?version=; got "
				+ ((request.getContentType() != null) ? "'" + request.getContentType() + "'" : "no Content-Type"));
	}

	/**
	 * The parts of a multipart upload, for the OpenAPI description.
	 *
	 * @param file the snapshot file
	 * @param version the version or commit label
	 */
	record MultipartSnapshot(
			@Schema(type = "string", format = "binary", requiredMode = RequiredMode.REQUIRED) String file,
			@Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 200) String version) {
	}

	/**
	 * What a failed read of an upload means for the client: over the limit (413), a
	 * malformed multipart body or an interrupted one (400). Anything else is the server's
	 * own failure.
	 */
	private RuntimeException refusal(HttpServletRequest request, IOException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof FileUploadSizeException) {
				return drained(request, new PayloadTooLargeException("The snapshot is larger than the limit of "
						+ this.snapshots.sizeLimit() + " bytes; nothing was stored"));
			}
			if (cause instanceof FileUploadException) {
				return new InvalidRequestException("The multipart body is malformed; nothing was stored");
			}
		}
		if (ex instanceof SnapshotSpool.ReadFailure) {
			return new InvalidRequestException("The upload broke off before its end; nothing was stored");
		}
		return new UncheckedIOException(ex);
	}

	/**
	 * Reads and discards the rest of a refused upload, so that a client that sends its
	 * whole body before reading the answer (most scripts do) gets the 413 instead of a
	 * reset connection. Only authenticated uploaders get here; anonymous bodies are left
	 * to the container, which discards 2 MB at most.
	 */
	private static PayloadTooLargeException drained(HttpServletRequest request, PayloadTooLargeException refusal) {
		try (InputStream rest = request.getInputStream()) {
			long left = MAX_DRAIN;
			byte[] buffer = new byte[64 * 1024];
			int read;
			while (left > 0 && (read = rest.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
				left -= read;
			}
		}
		catch (IOException ex) {
			// The client went away: nobody is left to read the answer.
		}
		return refusal;
	}

	private static String field(FileItemInput part) throws IOException {
		try (InputStream input = part.getInputStream()) {
			byte[] value = input.readNBytes(MAX_FIELD + 1);
			if (value.length > MAX_FIELD) {
				throw new InvalidRequestException("The field '" + part.getFieldName() + "' is too long");
			}
			return new String(value, StandardCharsets.UTF_8);
		}
	}

	private static ResponseEntity<SnapshotRepresentation> created(Snapshot snapshot) {
		return ResponseEntity.status(HttpStatus.CREATED).body(SnapshotRepresentation.of(snapshot));
	}

}
