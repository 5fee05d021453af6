package dev.alphabets.consumer.sequences;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Read-only HTTP view of the received sequences; errors are answered as problem details.
 */
@RestController
@RequestMapping("/api/sequences")
class SequenceController {

	private final SequenceQueries queries;

	SequenceController(SequenceQueries queries) {
		this.queries = queries;
	}

	/** Summaries per page when the caller names no limit. */
	static final int DEFAULT_LIMIT = 100;

	/** The most summaries one request returns. */
	static final int MAX_LIMIT = 1000;

	/**
	 * One page of summaries, oldest first. A {@code Link} header with {@code rel="next"}
	 * names the next page while the page is full.
	 */
	@GetMapping
	ResponseEntity<List<SequenceSummary>> sequences(@RequestParam(defaultValue = "false") boolean incomplete,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit, @RequestParam(defaultValue = "0") long offset) {
		if (from != null && to != null && !from.isBefore(to)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'from' must be before 'to'");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'limit' must be between 1 and " + MAX_LIMIT);
		}
		if (offset < 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'offset' must not be negative");
		}
		List<SequenceSummary> page = this.queries.summaries(incomplete, from, to, limit, offset);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (page.size() == limit) {
			String next = ServletUriComponentsBuilder.fromCurrentRequest()
				.replaceQueryParam("offset", offset + limit)
				.replaceQueryParam("limit", limit)
				.build()
				.toUriString();
			response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
		}
		return response.body(page);
	}

	@GetMapping("/{sequenceId}")
	SequenceDetail sequence(@PathVariable String sequenceId) {
		return this.queries.detail(sequenceId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No letter of sequence " + sequenceId + " is stored"));
	}

}
