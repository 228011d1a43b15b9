import { graphql } from '../gql';

// Every operation the dashboard sends, typed from schema/schema.graphql by GraphQL Code Generator.

export const NationalCoverageQuery = graphql(`
  query NationalCoverage {
    coverage {
      national {
        areaCount
        areasWithActiveNetwork
        green
        amber
        red
        population
        populationReached
        populationReachedShare
      }
      areas {
        policeForceArea {
          code
          displayName
          region
          country
          currentGovernance {
            type
            office
          }
        }
        status
        reasons
        activeNetworkCount
        openNetworkCount
        memberOrganisationCount
        localAuthoritiesReached
        localAuthoritiesTotal
        population
        populationReached
        populationReachedShare
        specialismsPresent {
          code
          label
        }
        daysSinceLastEngagement
      }
    }
    specialisms {
      code
      label
    }
  }
`);

export const AreaQuery = graphql(`
  query Area($code: String!, $from: LocalDate!, $to: LocalDate!, $eventsFrom: DateTime!, $eventsTo: DateTime!) {
    policeForceArea(code: $code) {
      code
      displayName
      forceName
      region
      country
      population
      currentGovernance {
        type
        office
        since
      }
      offices {
        name
        type
        since
        until
        planned
        holders {
          name
          title
          party
          independent
          termStart
          termEnd
        }
      }
      networks {
        id
        name
        status
        statusSince
        memberCount
        convenors {
          organisation {
            id
            name
          }
        }
      }
      coverage {
        status
        reasons
        localAuthoritiesReached
        localAuthoritiesTotal
        populationReachedShare
        lastEngagementOn
        daysSinceLastEngagement
        engagementQuiet
      }
    }
    coverageHistory(policeForceAreaCode: $code, from: $from, to: $to) {
      date
      status
      localAuthoritiesReached
      localAuthoritiesTotal
    }
    overdueCommitments(policeForceAreaCode: $code, first: 50) {
      id
      text
      owner
      dueOn
      daysOverdue
      engagement {
        network {
          id
          name
        }
      }
    }
    eventOccurrences(from: $eventsFrom, to: $eventsTo, filter: { policeForceAreaCode: $code }) {
      eventId
      startsAt
      cancelled
      moved
      event {
        id
        title
        kind
        venue
        network {
          name
        }
      }
    }
  }
`);

export const ActivitySubscription = graphql(`
  subscription Activity($scope: ActivityScope!, $after: String) {
    activity(scope: $scope, after: $after) {
      cursor
      sequence
      verb
      occurredAt
      payload
      policeForceAreaCode
      networkId
      organisationId
      eventId
      visibility
    }
  }
`);

export const SignInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(input: { email: $email, password: $password }) {
      accessToken
      accessTokenExpiresAt
      refreshToken
      person {
        displayName
      }
    }
  }
`);

export const RefreshSessionMutation = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(input: { refreshToken: $refreshToken }) {
      accessToken
      accessTokenExpiresAt
      refreshToken
      person {
        displayName
      }
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut($refreshToken: String!) {
    signOut(input: { refreshToken: $refreshToken }) {
      signedOut
    }
  }
`);

// The pages behind the links in emails (pages/emailed-link-pages.tsx).

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(input: { email: $email }) {
      requested
    }
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(input: { token: $token, password: $password }) {
      person {
        email
      }
    }
  }
`);

export const ConfirmEmailChangeMutation = graphql(`
  mutation ConfirmEmailChange($token: String!) {
    confirmEmailChange(input: { token: $token }) {
      person {
        email
      }
    }
  }
`);

export const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($token: String!, $displayName: String, $password: String) {
    acceptInvitation(input: { token: $token, displayName: $displayName, password: $password }) {
      organisation {
        id
        name
      }
      role
      session {
        accessToken
        accessTokenExpiresAt
        refreshToken
        person {
          displayName
        }
      }
    }
  }
`);

export const NotificationPreferencesQuery = graphql(`
  query NotificationPreferences {
    me {
      displayName
      email
      notificationPreferences {
        digestHour
        preferences {
          category
          frequency
        }
      }
    }
  }
`);

export const UpdateNotificationPreferencesMutation = graphql(`
  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) {
      notificationPreferences {
        digestHour
        preferences {
          category
          frequency
        }
      }
    }
  }
`);

// The pages of one item behind the links in notification emails (pages/item-pages.tsx).

export const MyOrganisationsQuery = graphql(`
  query MyOrganisations {
    me {
      id
      affiliations {
        role
        organisation {
          id
          name
        }
      }
    }
  }
`);

export const EventPageQuery = graphql(`
  query EventPage($id: ID!, $occurrenceStart: DateTime, $from: DateTime!, $to: DateTime!) {
    event(id: $id) {
      id
      title
      kind
      status
      statusReason
      visibility
      startsAt
      endsAt
      allDay
      timeZone
      recurrenceRule
      venue
      address
      onlineUrl
      capacity
      description
      network {
        id
        name
      }
      organiserOrganisation {
        id
        name
      }
      occurrences(from: $from, to: $to) {
        originalStart
        startsAt
        endsAt
        cancelled
      }
      tally(occurrenceStart: $occurrenceStart) {
        confirmed
        maybe
        declined
        waitlisted
        placesLeft
      }
      rsvps(occurrenceStart: $occurrenceStart) {
        id
        answer
        place
        answeredAt
        organisation {
          id
          name
        }
      }
    }
  }
`);

export const AnswerEventMutation = graphql(`
  mutation AnswerEvent($input: AnswerEventInput!) {
    answerEvent(input: $input) {
      rsvp {
        id
        answer
        place
        answeredAt
        organisation {
          id
          name
        }
      }
      tally {
        confirmed
        maybe
        declined
        waitlisted
        placesLeft
      }
    }
  }
`);

export const PollPageQuery = graphql(`
  query PollPage($id: ID!) {
    schedulingPoll(id: $id) {
      id
      title
      kind
      status
      deadline
      description
      timeZone
      confirmedSlotId
      eventId
      network {
        id
        name
      }
      slots {
        id
        startsAt
        endsAt
      }
      tally {
        slotId
        yes
        ifNeedBe
        no
      }
      answers {
        slotId
        organisationId
        answer
      }
    }
  }
`);

export const AnswerPollMutation = graphql(`
  mutation AnswerPoll($input: AnswerSchedulingPollInput!) {
    answerSchedulingPoll(input: $input) {
      poll {
        id
        tally {
          slotId
          yes
          ifNeedBe
          no
        }
        answers {
          slotId
          organisationId
          answer
        }
      }
    }
  }
`);

export const PositionPageQuery = graphql(`
  query PositionPage($id: ID!) {
    jointPosition(id: $id) {
      id
      title
      status
      statusReason
      audience
      purpose
      deadline
      revision
      network {
        id
        name
      }
      sections {
        id
        ordinal
        heading
        body
        comments {
          id
        }
      }
    }
  }
`);

export const EngagementPageQuery = graphql(`
  query EngagementPage($id: ID!) {
    engagement(id: $id) {
      id
      kind
      occurredOn
      summary
      officeParticipants
      public
      network {
        id
        name
      }
      asks {
        id
        ordinal
        text
      }
      commitments {
        id
        text
        owner
        dueOn
        status
        daysOverdue
      }
    }
  }
`);
